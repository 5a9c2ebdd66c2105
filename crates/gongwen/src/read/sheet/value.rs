//! Cell values as a spreadsheet displays them, so far as the cell's type
//! tells (calamine reports a type, and for numbers only whether the number
//! format is a date, a time or a duration).
//!
//! * strings as stored (rich-text runs already joined by calamine), with
//!   `\r\n` and lone `\r` turned into `\n`;
//! * integers, and floats that are whole numbers, without a decimal point
//!   (`2024`, not `2024.0`); other floats in Rust's shortest round-trip
//!   form (`0.1`, `3.14`), never with an exponent; `-0` shows as `0`; a
//!   non-finite float (which no spreadsheet stores) as `#NUM!`;
//! * booleans as `TRUE`/`FALSE`, errors as their text (`#N/A`, `#DIV/0!`);
//! * dates as `2024年6月30日`; a date with a time of day as
//!   `2024年6月30日 09:05` (`:SS` added when the seconds are not zero); a
//!   time alone (a serial number below 1, or an ISO time) as `09:05`; a
//!   date-formatted number outside Excel's dates (negative, after 9999) as
//!   the number;
//! * durations (`[h]:mm:ss` formats, ODS time values) as `H:MM:SS` with the
//!   total hours (`36:00:00`), negative with a leading `-`.
//!
//! It does not apply other number formats: `0.00`, percentages, thousands
//! separators, currency and fractions show the bare number.

use std::borrow::Cow;

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The displayed text of an owned calamine value (XLS and ODS sheets).
pub(super) fn display_data(v: &Data) -> Cow<'_, str> {
    match v {
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Float(f) => Cow::Owned(float_text(*f)),
        Data::String(s) => line_breaks(s),
        Data::Bool(b) => Cow::Borrowed(bool_text(*b)),
        Data::DateTime(d) => Cow::Owned(excel_datetime_text(d)),
        Data::DateTimeIso(s) => Cow::Owned(iso_datetime_text(s)),
        Data::DurationIso(s) => Cow::Owned(iso_duration_text(s)),
        Data::Error(e) => Cow::Owned(e.to_string()),
        Data::Empty => Cow::Borrowed(""),
    }
}

/// The displayed text of a borrowed calamine value (XLSX cells streamed
/// with shared strings borrowed).
pub(super) fn display_ref<'a>(v: &'a DataRef<'_>) -> Cow<'a, str> {
    match v {
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) => Cow::Owned(float_text(*f)),
        DataRef::String(s) => line_breaks(s),
        DataRef::SharedString(s) => line_breaks(s),
        DataRef::Bool(b) => Cow::Borrowed(bool_text(*b)),
        DataRef::DateTime(d) => Cow::Owned(excel_datetime_text(d)),
        DataRef::DateTimeIso(s) => Cow::Owned(iso_datetime_text(s)),
        DataRef::DurationIso(s) => Cow::Owned(iso_duration_text(s)),
        DataRef::Error(e) => Cow::Owned(e.to_string()),
        DataRef::Empty => Cow::Borrowed(""),
    }
}

/// How many bytes [`display_ref`] will return, without building it when
/// the value is a string (so a huge shared string can be refused before it
/// is copied).
pub(super) fn display_len_hint(v: &DataRef<'_>) -> usize {
    match v {
        DataRef::String(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len() + 16,
        _ => 32,
    }
}

/// `\r\n` and lone `\r` as `\n`.
fn line_breaks(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `TRUE` or `FALSE`, as spreadsheets show booleans.
fn bool_text(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// A float as displayed: whole numbers without a decimal point, others in
/// the shortest form that reads back to the same float.
pub(super) fn float_text(f: f64) -> String {
    if !f.is_finite() {
        "#NUM!".to_owned()
    } else if f == 0.0 {
        "0".to_owned()
    } else {
        // `Display` for f64 is the shortest round-trip form, without an
        // exponent, and prints whole numbers without `.0`.
        format!("{f}")
    }
}

/// The first serial number after 9999-12-31 (1900 epoch).
const MAX_SERIAL: f64 = 2_958_466.0;

/// An Excel serial date, time or duration as displayed.
fn excel_datetime_text(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() {
        return duration_text(serial * 86_400.0);
    }
    if !(0.0..MAX_SERIAL).contains(&serial) {
        // No date before the epoch or after 9999-12-31 (Excel shows `####`).
        return float_text(serial);
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    // Round to the second: serials carry float noise (10:00 is 0.41666…).
    let mut secs = u32::from(h) * 3600 + u32::from(min) * 60 + u32::from(s);
    if ms >= 500 {
        secs += 1;
    }
    let mut date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day));
    if secs >= 86_400 {
        secs -= 86_400;
        date = date.and_then(|d| d.succ_opt());
    }
    let time = clock_text(secs);
    if (0.0..1.0).contains(&serial) {
        // A time of day with no date (Excel shows 1900-01-00 as no date).
        return time.unwrap_or_else(|| "00:00".to_owned());
    }
    let date = match date {
        Some(d) => chinese_date(d),
        // Excel's 1900-02-29, which does not exist.
        None => format!("{y}年{m}月{day}日"),
    };
    match time {
        Some(t) if secs != 0 => format!("{date} {t}"),
        _ => date,
    }
}

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero, for seconds since
/// midnight; `None` for midnight.
fn clock_text(secs: u32) -> Option<String> {
    if secs == 0 {
        return None;
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    Some(if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    })
}

/// `2024年6月30日`.
fn chinese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// An ISO 8601 date, date-time or time (ODS `office:date-value`, XLSX
/// `t="d"` cells) as displayed; text that does not parse is kept.
fn iso_datetime_text(s: &str) -> String {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return chinese_date(d);
    }
    // Drop a time zone or `Z`: the wall-clock time is what is displayed.
    let local = t
        .strip_suffix('Z')
        .unwrap_or(t)
        .split(['+'])
        .next()
        .unwrap_or(t);
    let local = match local.rfind('-') {
        // A `-hh:mm` offset after the time part.
        Some(i) if local[..i].contains('T') => &local[..i],
        _ => local,
    };
    if let Ok(dt) = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M"))
    {
        let secs = dt.time().num_seconds_from_midnight();
        return match clock_text(secs) {
            Some(time) => format!("{} {time}", chinese_date(dt.date())),
            None => chinese_date(dt.date()),
        };
    }
    if let Ok(time) = NaiveTime::parse_from_str(local, "%H:%M:%S%.f") {
        return clock_text(time.num_seconds_from_midnight()).unwrap_or_else(|| "00:00".to_owned());
    }
    t.to_owned()
}

/// An ISO 8601 duration (`PT36H00M00S`, `P1DT2H`, `-PT0.5S`) as `H:MM:SS`;
/// text that does not parse is kept.
fn iso_duration_text(s: &str) -> String {
    parse_iso_duration(s.trim()).map_or_else(|| s.trim().to_owned(), duration_text)
}

/// Seconds in an ISO 8601 duration with days, hours, minutes and seconds
/// (years, months and weeks are not durations a cell holds).
fn parse_iso_duration(s: &str) -> Option<f64> {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = 0.0;
    let mut any = false;
    for (part, units) in [
        (date_part, &[('D', 86_400.0)][..]),
        (time_part, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..]),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let factor = units.iter().find(|(u, _)| *u == c)?.1;
            let n: f64 = number.parse().ok()?;
            total += n * factor;
            number.clear();
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(sign * total)
}

/// Seconds as `H:MM:SS` with total hours, rounded to the second.
fn duration_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "#NUM!".to_owned();
    }
    let total = seconds.round();
    let sign = if total < 0.0 { "-" } else { "" };
    // Saturates for absurd values rather than overflowing.
    let total = total.abs() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    format!("{sign}{h}:{m:02}:{s:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date(serial: f64) -> String {
        display_data(&Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        )))
        .into_owned()
    }

    /// Numbers, booleans, errors.
    #[test]
    fn numbers() {
        assert_eq!(display_data(&Data::Float(2024.0)), "2024");
        assert_eq!(display_data(&Data::Float(-3.0)), "-3");
        assert_eq!(display_data(&Data::Float(0.1)), "0.1");
        assert_eq!(display_data(&Data::Float(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(display_data(&Data::Float(3.5)), "3.5");
        assert_eq!(display_data(&Data::Float(-0.0)), "0");
        assert_eq!(display_data(&Data::Float(1e21)), "1000000000000000000000");
        assert_eq!(display_data(&Data::Float(f64::NAN)), "#NUM!");
        assert_eq!(display_data(&Data::Int(-42)), "-42");
        assert_eq!(display_data(&Data::Bool(true)), "TRUE");
        assert_eq!(display_data(&Data::Bool(false)), "FALSE");
        assert_eq!(display_data(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(display_data(&Data::Empty), "");
    }

    /// Line breaks become `\n`; strings are borrowed when unchanged.
    #[test]
    fn strings_keep_line_breaks() {
        let s = Data::String("第一行\r\n第二行\r第三行\n第四行".to_owned());
        assert_eq!(display_data(&s), "第一行\n第二行\n第三行\n第四行");
        assert!(matches!(
            display_ref(&DataRef::SharedString("原样")),
            Cow::Borrowed("原样")
        ));
    }

    /// Serial dates, date-times, times, the 1900 leap-year bug, out-of-range serials.
    #[test]
    fn excel_dates_and_times() {
        assert_eq!(date(45473.0), "2024年6月30日");
        assert_eq!(date(45473.5), "2024年6月30日 12:00");
        // 09:05 carries float noise.
        assert_eq!(
            date(45473.0 + (9.0 * 60.0 + 5.0) / 1440.0),
            "2024年6月30日 09:05"
        );
        assert_eq!(date(45473.0 + 10.0 / 24.0), "2024年6月30日 10:00");
        assert_eq!(date(45473.0 + 30.0 / 86_400.0), "2024年6月30日 00:00:30");
        assert_eq!(date(0.75), "18:00");
        assert_eq!(date(1.0), "1900年1月1日");
        assert_eq!(date(60.0), "1900年2月29日", "Excel's own leap-year bug");
        assert_eq!(date(61.0), "1900年3月1日");
        // Just below midnight rounds up to the next day.
        assert_eq!(date(45_473.999_999_9), "2024年7月1日");
        assert_eq!(date(-5.0), "-5", "no date before the epoch: the number");
        assert_eq!(date(3e6), "3000000", "no date after 9999: the number");
        assert_eq!(date(f64::NAN), "#NUM!");
        let d1904 = Data::DateTime(ExcelDateTime::new(1.0, ExcelDateTimeType::DateTime, true));
        assert_eq!(display_data(&d1904), "1904年1月2日");
    }

    /// Durations from serials and ISO 8601.
    #[test]
    fn durations() {
        let d = |v: f64| {
            display_data(&Data::DateTime(ExcelDateTime::new(
                v,
                ExcelDateTimeType::TimeDelta,
                false,
            )))
            .into_owned()
        };
        assert_eq!(d(1.5), "36:00:00");
        assert_eq!(d(1.0 / 1440.0), "0:01:00");
        assert_eq!(d(-0.5), "-12:00:00");
        let iso = |s: &str| display_data(&Data::DurationIso(s.to_owned())).into_owned();
        assert_eq!(iso("PT36H00M00S"), "36:00:00");
        assert_eq!(iso("PT10H30M00.000S"), "10:30:00");
        assert_eq!(iso("P1DT2H"), "26:00:00");
        assert_eq!(iso("-PT1M"), "-0:01:00");
        assert_eq!(iso("P1Y"), "P1Y", "years are kept as written");
        assert_eq!(iso("soon"), "soon");
    }

    /// ISO 8601 dates, date-times and times.
    #[test]
    fn iso_dates() {
        let iso = |s: &str| display_data(&Data::DateTimeIso(s.to_owned())).into_owned();
        assert_eq!(iso("2024-06-30"), "2024年6月30日");
        assert_eq!(iso("2024-06-30T00:00:00"), "2024年6月30日");
        assert_eq!(iso("2024-06-30T09:05:00"), "2024年6月30日 09:05");
        assert_eq!(iso("2024-06-30T09:05:07.250"), "2024年6月30日 09:05:07");
        assert_eq!(iso("2024-06-30T09:05:00Z"), "2024年6月30日 09:05");
        assert_eq!(iso("2024-06-30T09:05:00+08:00"), "2024年6月30日 09:05");
        assert_eq!(iso("2024-06-30T09:05:00-05:00"), "2024年6月30日 09:05");
        assert_eq!(iso("09:05:00"), "09:05");
        assert_eq!(iso("not a date"), "not a date");
    }
}

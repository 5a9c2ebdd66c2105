//! Chinese and Arabic numerals: 一 … 九十九, 二〇二四, 两, full-width digits.
//!
//! Only the numbers that labels and dates use; this is not a general number
//! parser (no 万, no fractions).

/// The value of one Chinese digit character (〇零一…九, 两).
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟')
}

/// Parses a whole string as a number: Arabic digits (ASCII or full-width),
/// a positional Chinese numeral (十二, 二十四, 一百零五) or a digit-by-digit
/// one (二〇二四). Returns `None` for anything else.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let mut v: u32 = 0;
        for c in s.chars() {
            let d = if c.is_ascii_digit() {
                c as u32 - '0' as u32
            } else {
                c as u32 - '０' as u32
            };
            v = v.checked_mul(10)?.checked_add(d)?;
        }
        return Some(v);
    }
    if !s.chars().all(is_numeral_char) {
        return None;
    }
    let has_unit = s
        .chars()
        .any(|c| matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟'));
    if !has_unit {
        // Digit by digit: 二〇二四.
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(digit_value(c)?)?;
        }
        return Some(v);
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => {
                let d = digit_value(c)?;
                if pending.is_some() && d != 0 {
                    return None; // two digits in a row: not positional
                }
                pending = if d == 0 { None } else { Some(d) };
                continue;
            }
        };
        total = total.checked_add(pending.take().unwrap_or(1) * unit)?;
    }
    total.checked_add(pending.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn parses_numerals() {
        for (s, v) in [
            ("1", 1),
            ("28", 28),
            ("２０２４", 2024),
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十四", 24),
            ("一百零五", 105),
            ("二〇二四", 2024),
            ("两", 2),
        ] {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for s in ["", "十一二", "a", "一a", "12a"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }
}

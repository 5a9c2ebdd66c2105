"""pandas views of a notice: one row per measure, one row per (measure, unit).

pandas is imported inside the functions only, so ``import gongwen`` stays
free of it; install it (``pip install pandas``) to use these views.

``measures_frame`` (``Notice.to_pandas()``) has exactly the columns of
``gongwen.COLUMNS``, in that order — the same row definition as the command
line's ``--format csv`` and ``--format jsonl`` (see ``crates/gongwen/src/rows.rs``
for what each column means). Column dtypes:

=====================================================  ==========================
column                                                 dtype
=====================================================  ==========================
``measure_index``                                      ``int64``
``ordinal``                                            ``Int64`` (nullable)
``due``                                                ``datetime64[ns]``, ``NaT``
                                                       when there is no date
``ongoing``, ``deadline_inherited``,                   ``bool``
``units_inherited``
``units``, ``unit_roles``                              ``object``: a Python
                                                       ``list`` in every row
                                                       (empty without units;
                                                       a role may be ``None``)
every other column (labels, titles, ``heading_path``,  ``string``
``text``, ``deadline_raw``, ``precision``,             (``pandas.StringDtype``),
``recurrence``, ``recurrence_freq``, ``event``,        missing values ``<NA>``
``lead_unit``, ``note``, ``leader``, ``position``)
=====================================================  ==========================

The frame adds nothing to these columns; ``df.attrs["source"]`` holds the
path the notice was parsed from (``None`` for text) and ``df.attrs["title"]``
the notice's title.
"""

from __future__ import annotations

from typing import Any, Dict, List

# The columns of ``measures_frame`` by dtype; all others are ``string``.
_INT_COLUMNS = ("measure_index",)
_NULLABLE_INT_COLUMNS = ("ordinal",)
_BOOL_COLUMNS = ("ongoing", "deadline_inherited", "units_inherited")
_LIST_COLUMNS = ("units", "unit_roles")
_DATE_COLUMNS = ("due",)

#: The columns of ``units_frame``, in order.
UNIT_COLUMNS = (
    "measure_index",
    "label",
    "h1_title",
    "h2_title",
    "unit",
    "role",
    "scope",
    "is_lead",
    "due",
    "ongoing",
)


def _columns() -> tuple[str, ...]:
    from gongwen import COLUMNS

    return tuple(COLUMNS)


def _dates(values: List[Any]) -> Any:
    """ISO date strings (or ``None``) as a ``datetime64[ns]`` numpy array."""
    import numpy as np

    return np.array(["NaT" if v is None else v for v in values], dtype="datetime64[ns]")


def _lists(values: List[Any]) -> Any:
    """A numpy object array holding one Python list per row."""
    import numpy as np

    out = np.empty(len(values), dtype=object)
    # Filled item by item: a list of lists handed to numpy would become 2-D.
    for i, v in enumerate(values):
        out[i] = list(v or ())
    return out


def _attrs(notice: Any) -> Dict[str, Any]:
    source = getattr(notice, "source", None)
    meta = getattr(notice, "meta", None)
    return {
        "source": getattr(source, "path", None),
        "title": getattr(meta, "title", None),
    }


def measures_frame(notice: Any) -> Any:
    """One row per measure of ``notice``, with the columns of ``gongwen.COLUMNS``.

    Rows are in document order (``measure_index`` 0, 1, …); see the module
    docstring for the dtypes. ``Notice.to_pandas()`` calls this.

    >>> import gongwen
    >>> notice = gongwen.parse_text(
    ...     "任务 | 完成时限 | 责任单位\\n"
    ...     "一、总体要求 | |\\n"
    ...     "(1)加强组织领导。 | 2024年6月底前 | 办公室牵头,财务科配合\\n")
    >>> df = notice.to_pandas()
    >>> list(df.columns) == list(gongwen.COLUMNS)
    True
    >>> len(df)
    1
    >>> str(df.loc[0, "due"].date())
    '2024-06-30'
    >>> df.loc[0, "units"]
    ['办公室', '财务科']
    >>> str(df["due"].dtype), str(df["ordinal"].dtype), str(df["ongoing"].dtype)
    ('datetime64[ns]', 'Int64', 'bool')
    """
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    columns = _columns()
    rows = notice._rows()
    data: Dict[str, Any] = {}
    for name in columns:
        values = [row.get(name) for row in rows]
        if name in _INT_COLUMNS:
            data[name] = pd.array(values, dtype="int64")
        elif name in _NULLABLE_INT_COLUMNS:
            data[name] = pd.array(values, dtype="Int64")
        elif name in _BOOL_COLUMNS:
            data[name] = pd.array([bool(v) for v in values], dtype=bool)
        elif name in _DATE_COLUMNS:
            data[name] = _dates(values)
        elif name in _LIST_COLUMNS:
            data[name] = _lists(values)
        else:
            data[name] = pd.array(values, dtype="string")
    df = pd.DataFrame(data, columns=list(columns))
    df.attrs.update(_attrs(notice))
    return df


def units_frame(notice: Any) -> Any:
    """One row per (measure, unit) of ``notice``, for pivots by unit.

    Columns: ``measure_index`` (as in ``measures_frame``), ``label``,
    ``h1_title``, ``h2_title``, ``unit`` (the unit's name), ``role``
    (``lead``, ``support``, ``guide``, ``responsible`` or missing),
    ``scope`` (the part of the measure the unit answers for, or missing),
    ``is_lead`` (``True`` on the row of the measure's ``lead_unit``: its first
    ``lead`` unit, else its first unit), ``due`` (``datetime64[ns]``) and
    ``ongoing`` (``bool``). Measures without units have no row. Text columns
    are ``string`` dtype; ``measure_index`` is ``int64``.

    >>> import gongwen
    >>> notice = gongwen.parse_text(
    ...     "任务 | 完成时限 | 责任单位\\n"
    ...     "一、总体要求 | |\\n"
    ...     "(1)加强组织领导。 | 2024年6月底前 | 办公室牵头,财务科配合\\n")
    >>> units = notice.units_frame()
    >>> units[["unit", "role", "is_lead"]].values.tolist()
    [['办公室', 'lead', True], ['财务科', 'support', False]]
    >>> units.groupby("unit")["measure_index"].nunique().to_dict()
    {'办公室': 1, '财务科': 1}
    """
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    rows = notice._rows()
    measures = list(getattr(notice, "measures", ()) or ())
    out: Dict[str, List[Any]] = {name: [] for name in UNIT_COLUMNS}
    for i, row in enumerate(rows):
        names = list(row.get("units") or ())
        roles = list(row.get("unit_roles") or ())
        roles += [None] * (len(names) - len(roles))
        scopes: List[Any] = [None] * len(names)
        # Scopes are not in the rows: take them from the measure, if it is
        # the same one (same unit names in the same order).
        if i < len(measures):
            units = list(getattr(measures[i], "units", ()) or ())
            if [getattr(u, "name", None) for u in units] == names:
                scopes = [getattr(u, "scope", None) for u in units]
        lead = next((j for j, r in enumerate(roles) if r == "lead"), 0)
        for j, name in enumerate(names):
            out["measure_index"].append(row["measure_index"])
            out["label"].append(row.get("label"))
            out["h1_title"].append(row.get("h1_title"))
            out["h2_title"].append(row.get("h2_title"))
            out["unit"].append(name)
            out["role"].append(roles[j])
            out["scope"].append(scopes[j])
            out["is_lead"].append(j == lead)
            out["due"].append(row.get("due"))
            out["ongoing"].append(bool(row.get("ongoing")))
    data: Dict[str, Any] = {}
    for name, values in out.items():
        if name == "measure_index":
            data[name] = pd.array(values, dtype="int64")
        elif name in ("is_lead", "ongoing"):
            data[name] = pd.array(values, dtype=bool)
        elif name == "due":
            data[name] = _dates(values)
        else:
            data[name] = pd.array(values, dtype="string")
    df = pd.DataFrame(data, columns=list(UNIT_COLUMNS))
    df.attrs.update(_attrs(notice))
    return df

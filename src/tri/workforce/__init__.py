"""Workforce ethnicity data: the data standard, checked import, metrics and disclosure control.

Pure Python over polars and numpy. The public API is re-exported here; everything else is
private to the package.

    ret = read_employees(Path("return.csv"))
    full = employee_metrics(ret, options=Options(population=population("london")))
    published = control(full)          # what anyone outside the organisation may see
    published.as_json()

`suggest(published.as_json())` suggests levels for the criteria of the Standard the figures
evidence; `measures` names the figures a target can be set on and `progress()` follows one;
`workforce_benchmark()` compares organisations' published reports on a few headline measures.
"""

from tri.workforce.benchmark import (
    MeasureBenchmark,
    MemberValue,
    WorkforceBenchmark,
    workforce_benchmark,
)
from tri.workforce.criteria import RULES, Rule, Suggestion, suggest
from tri.workforce.disclosure import DEFAULT_THRESHOLD, control
from tri.workforce.errors import Problem, UnmappedEthnicityError, WorkforceError
from tri.workforce.ethnicity import (
    ALL_GROUPS,
    CATEGORIES,
    ETHNIC_MINORITY_GROUPS,
    GROUPS,
    NOT_DISCLOSED,
    Category,
)
from tri.workforce.ingest import (
    AggregateReturn,
    BandOrder,
    EmployeeReturn,
    RecruitmentReturn,
    detect_kind,
    read_aggregate,
    read_applications,
    read_employees,
)
from tri.workforce.labels import EthnicityMap
from tri.workforce.london import pool
from tri.workforce.measures import (
    Measure,
    Progress,
    YearProgress,
    available_measures,
    measure,
    measure_label,
    measure_value,
    parse_milestones,
    progress,
    year_texts,
)
from tri.workforce.metrics import (
    SALARY_RANGES,
    Options,
    Reference,
    aggregate_metrics,
    employee_metrics,
)
from tri.workforce.population import LONDON, Population, areas, population
from tri.workforce.report import Report, Suppression
from tri.workforce.schemas import STAGES, ReturnKind, schema_json, table_schema

__all__ = [
    "ALL_GROUPS",
    "CATEGORIES",
    "DEFAULT_THRESHOLD",
    "ETHNIC_MINORITY_GROUPS",
    "GROUPS",
    "LONDON",
    "NOT_DISCLOSED",
    "RULES",
    "SALARY_RANGES",
    "STAGES",
    "AggregateReturn",
    "BandOrder",
    "Category",
    "EmployeeReturn",
    "EthnicityMap",
    "Measure",
    "MeasureBenchmark",
    "MemberValue",
    "Options",
    "Population",
    "Problem",
    "Progress",
    "RecruitmentReturn",
    "Reference",
    "Report",
    "ReturnKind",
    "Rule",
    "Suggestion",
    "Suppression",
    "UnmappedEthnicityError",
    "WorkforceBenchmark",
    "WorkforceError",
    "YearProgress",
    "aggregate_metrics",
    "areas",
    "available_measures",
    "control",
    "detect_kind",
    "employee_metrics",
    "measure",
    "measure_label",
    "measure_value",
    "parse_milestones",
    "pool",
    "population",
    "progress",
    "read_aggregate",
    "read_applications",
    "read_employees",
    "schema_json",
    "suggest",
    "table_schema",
    "workforce_benchmark",
    "year_texts",
]

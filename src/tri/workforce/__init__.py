"""Workforce ethnicity data: the data standard, checked import, metrics and disclosure control.

Pure Python over polars and numpy. The public API is re-exported here; everything else is
private to the package.

    ret = read_employees(Path("return.csv"))
    full = employee_metrics(ret, options=Options(population=population("london")))
    published = control(full)          # what anyone outside the organisation may see
    published.as_json()
"""

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
from tri.workforce.metrics import Options, Reference, aggregate_metrics, employee_metrics
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
    "STAGES",
    "AggregateReturn",
    "BandOrder",
    "Category",
    "EmployeeReturn",
    "EthnicityMap",
    "Options",
    "Population",
    "Problem",
    "RecruitmentReturn",
    "Reference",
    "Report",
    "ReturnKind",
    "Suppression",
    "UnmappedEthnicityError",
    "WorkforceError",
    "aggregate_metrics",
    "areas",
    "control",
    "detect_kind",
    "employee_metrics",
    "population",
    "read_aggregate",
    "read_applications",
    "read_employees",
    "schema_json",
    "table_schema",
]

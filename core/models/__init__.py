"""Core's models, by concept: the region tree, what every record shares (recognition),
staff and their files, the notice rules' records and certificate templates."""

from core.models.certificates import CertificateField, CertificateFont, CertificateTemplate
from core.models.notices import CalendarDay, Objection, ObjectionQuerySet
from core.models.recognition import (
    FIRST_YEAR,
    NAME_ORDER_HELP,
    Authored,
    Level,
    NameOrder,
    Photo,
    Recognition,
    RecognitionQuerySet,
    Status,
    photo_upload_to,
)
from core.models.regions import Region, RegionQuerySet
from core.models.staff import ExportLog, ImportJob, StaffProfile

__all__ = [
    "FIRST_YEAR",
    "NAME_ORDER_HELP",
    "Authored",
    "CalendarDay",
    "CertificateField",
    "CertificateFont",
    "CertificateTemplate",
    "ExportLog",
    "ImportJob",
    "Level",
    "NameOrder",
    "Objection",
    "ObjectionQuerySet",
    "Photo",
    "Recognition",
    "RecognitionQuerySet",
    "Region",
    "RegionQuerySet",
    "StaffProfile",
    "Status",
    "photo_upload_to",
]

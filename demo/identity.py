"""The demo federation's identity for headers and footers (invented contact details)."""

from core import services
from demo.context import DemoContext
from pages.models import SiteIdentity


def load(context: DemoContext) -> int:
    """Name the demo site after 滨州市妇联; skip when an identity is already entered."""
    if SiteIdentity.objects.exists():
        return 0
    identity = SiteIdentity(
        name="滨州市妇女联合会",
        name_hant="濱州市婦女聯合會",
        name_en="Binzhou Women's Federation",
        address="山东省滨州市黄河五路（示例地址）",
        phone="0543-0000000",
        email="fulian@example.cn",
        icp_number="鲁ICP备00000000号-1（示例）",
    )
    services.save_record(identity, user=None)
    return 1

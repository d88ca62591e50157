from core.management.importing import ImportCommand
from honors.tabular import HonorImporter


class Command(ImportCommand):
    help = "Import honors from a .xlsx or .csv file with the staff export's columns."
    importer_class = HonorImporter

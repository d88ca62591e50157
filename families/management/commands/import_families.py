from core.management.importing import ImportCommand
from families.tabular import FamilyImporter


class Command(ImportCommand):
    help = "Import families from a .xlsx or .csv file with the staff export's columns."
    importer_class = FamilyImporter

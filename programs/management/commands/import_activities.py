from core.management.importing import ImportCommand
from programs.tabular import ActivityImporter


class Command(ImportCommand):
    help = "Import activities from a .xlsx or .csv file with the staff export's columns."
    importer_class = ActivityImporter

"""PDF export of a comparison (Qt is imported only when a report is actually drawn)."""
from reader.export.pdf import ExportError, export_command, export_pdf

__all__ = ["ExportError", "export_command", "export_pdf"]

"""leven: the open workbook for *Leven tot het einde* proeftuinen."""

__version__ = "0.1.0"

"""Event coding: triggers from pattern files, roles from the parse, negation, modality, dates and tone."""

"""Words in Chinese and English: the pages' catalogue and the error messages."""

"""What the checker catches on a user's own corpus: errors planted in a copy of it
(`plant`), scanned and scored (`measure`)."""

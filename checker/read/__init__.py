"""Reading documents: files found and decoded, markup turned into text, records split,
dates and inline directives read (paths -> Sources -> Documents)."""

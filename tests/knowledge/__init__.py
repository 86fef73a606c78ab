def toc_entries(toc):
    """Every entry of a table of contents (knowledge.blocks.table_of_contents): sections and their subsections."""
    for section in toc:
        yield section
        yield from section["subsections"]

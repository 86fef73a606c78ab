"""The knowledge base: guidelines, BCPs, publications, events, news and the glossary."""

"""What the articles say together: companies, topics, summaries, stories."""

"""china-ai-facts: an open dataset of facts about China's AI industry, built from news documents."""

__version__ = "0.1.0"

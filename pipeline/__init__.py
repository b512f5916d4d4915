"""china-ai-facts: an open dataset of facts about China's AI industry, built from news documents."""

__version__ = "0.1.0"
# The dataset's name: the prefix of every archive (china-ai-facts-0.2.0.tar.gz) and of the folder inside it.
DATASET_NAME = "china-ai-facts"


def load(path):
    """Every table of the release at `path` (folder or archive) as pandas DataFrames: see `pipeline.loading`."""
    from pipeline.loading import load as _load

    return _load(path)

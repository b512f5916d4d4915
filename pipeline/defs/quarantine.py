"""Quarantine: fact rows that fail a plausibility rule, withheld from their table and published with a reason.

The rows are computed from the extracted fact tables (which keep every row, so the structural checks see all of
them); the release publishes each fact table without them and `quarantined_facts` with them. A blocking check
stops the release only when a table's withheld share exceeds the declared limit (a broken extractor).
"""

import dagster as dg
import pandas as pd

from pipeline import quarantine
from pipeline.defs.resources import PipelineSettings
from pipeline.defs.tables import output

QUARANTINE_VERSION = "1.0.0"


@dg.asset(group_name="quality", code_version=QUARANTINE_VERSION, compute_kind="python")
def core_quarantined_facts(core_documents, core_quantities, core_time_expressions) -> dg.Output:
    """Facts withheld from `quantities` and `time_expressions` by a plausibility rule (published as
    `quarantined_facts`)."""
    held = quarantine.quarantined_facts(
        {"quantities": core_quantities, "time_expressions": core_time_expressions}, core_documents)
    result = output("quarantined_facts", held)
    result.metadata["by_rule"] = dg.MetadataValue.json(
        {str(k): int(v) for k, v in held.groupby(["table", "rule"]).size().items()} if len(held) else {})
    return result


@dg.asset_check(
    asset="core_quarantined_facts",
    blocking=True,
    additional_ins={"core_quantities": dg.AssetIn("core_quantities"),
                    "core_time_expressions": dg.AssetIn("core_time_expressions")},
    description="No fact table has more rows quarantined than the declared share (a broken extractor).",
)
def quarantine_within_limit(settings: PipelineSettings, core_quarantined_facts: pd.DataFrame,
                            core_quantities: pd.DataFrame, core_time_expressions: pd.DataFrame) -> dg.AssetCheckResult:
    tables = {"quantities": core_quantities, "time_expressions": core_time_expressions}
    over = quarantine.share_violations(tables, core_quarantined_facts, settings.max_quarantine_share)
    metadata = {"max_share": dg.MetadataValue.float(settings.max_quarantine_share),
                "grace_rows": dg.MetadataValue.int(quarantine.GRACE_ROWS),
                "quarantined": dg.MetadataValue.int(len(core_quarantined_facts))}
    if len(over):
        metadata["failing_tables"] = dg.MetadataValue.md(over.to_markdown(index=False))
        sample = core_quarantined_facts[core_quarantined_facts["table"].isin(over["table"])]
        metadata["failing_sample"] = dg.MetadataValue.md(
            sample[["table", "document_id", "text", "value", "rule", "reason"]].head(10).astype(str).to_markdown(index=False))
    return dg.AssetCheckResult(passed=over.empty, severity=dg.AssetCheckSeverity.ERROR, metadata=metadata)

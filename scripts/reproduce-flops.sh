#!/usr/bin/env bash
# The RMT paper's Figure 3: forward FLOPs of full attention against an RMT with segments of
# 512, for the OPT family, up to 2,048,000 tokens. Writes docs/results/flops.md and
# docs/results/rmt-flops.png (seconds; arithmetic only).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/results/flops.md
table=$(build/mnemo rmt flops --plot docs/results/rmt-flops.png)
{
  echo "# Forward FLOPs: full attention against RMT (paper Figure 3)"
  echo
  echo "- Command: \`scripts/reproduce-flops.sh\` (\`mnemo rmt flops --plot docs/results/rmt-flops.png\`)"
  echo "- Date: $(date -u +%Y-%m-%d); pure arithmetic, the machine does not matter"
  echo
  echo "Per layer, for n tokens each attending c tokens (width d, feed-forward f): projections"
  echo "8 n d^2, attention scores and mixing 4 n c d, feed-forward 4 n d f; plus the LM head"
  echo "2 n d V (V = 50,272). Full attention: c = n over the whole input. RMT: ceil(n / 512)"
  echo "segments with n = c = 512. The paper reports x295 (OPT-125M) and x29 (OPT-175B) at"
  echo "2,048,000 tokens; this formula gives the values in the last rows of those models below."
  echo "The head costs the same per token either way, so it matters for the small model only:"
  echo "left out, OPT-125M's ratio would come out well above the paper's."
  echo
  echo "![FLOPs](rmt-flops.png)"
  echo
  echo "$table"
} > "$out"
cat "$out"

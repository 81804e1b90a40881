/**
 * The files of the demo fraud detector: a tree ensemble, its scoring code and a transaction
 * sample, derived from fixed seeds.
 */
import { json, random, text } from './files';

export const FRAUD_FEATURES = [
  'amount',
  'hour',
  'merchant_risk',
  'country_mismatch',
  'card_age_days',
] as const;

/** Card transactions with a fraud label, as CSV. */
export function transactionsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = [`transaction_id,${FRAUD_FEATURES.join(',')},is_fraud`];
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(next() * 180000) / 100;
    const hour = Math.floor(next() * 24);
    const risk = Math.round(next() * 100) / 100;
    const mismatch = next() < 0.15 ? 1 : 0;
    const age = Math.floor(next() * 2000);
    const fraud = amount > 900 && (mismatch === 1 || risk > 0.8) ? 1 : 0;
    lines.push(
      `X-${String(700001 + i)},${amount.toFixed(2)},${hour},${risk.toFixed(
        2,
      )},${mismatch},${age},${fraud}`,
    );
  }
  return text(`${lines.join('\n')}\n`);
}

/**
 * A gradient-boosted tree ensemble as JSON: each tree is a list of nodes, either a split
 * (`feature` index, `threshold`, `left` and `right` node indexes) or a `leaf` value; the score is
 * the logistic function of `base_score` plus the leaves reached.
 */
export function treeEnsemble(
  seed: string,
  trees: number,
  depth: number,
): Buffer {
  const next = random(seed);
  const ranges: Record<string, [number, number]> = {
    amount: [50, 1500],
    hour: [0, 23],
    merchant_risk: [0.1, 0.95],
    country_mismatch: [0.5, 0.5],
    card_age_days: [30, 900],
  };
  const build = () => {
    const nodes: Array<Record<string, number>> = [];
    const grow = (level: number): number => {
      const index = nodes.length;
      if (level === depth) {
        nodes.push({ leaf: Math.round((next() - 0.45) * 2000) / 1000 });
        return index;
      }
      const feature = Math.floor(next() * FRAUD_FEATURES.length);
      const [low, high] = ranges[FRAUD_FEATURES[feature]];
      const node: Record<string, number> = {
        feature,
        threshold: Math.round((low + next() * (high - low)) * 100) / 100,
        left: 0,
        right: 0,
      };
      nodes.push(node);
      node.left = grow(level + 1);
      node.right = grow(level + 1);
      return index;
    };
    grow(0);
    return { nodes };
  };
  return json({
    format: 'kitstage-tree-ensemble',
    format_version: 1,
    objective: 'binary:logistic',
    features: FRAUD_FEATURES,
    base_score: -2.2,
    learning_rate: 0.3,
    trees: Array.from({ length: trees }, build),
  });
}

/** Scores transactions with the tree ensemble, with the Python standard library only. */
export function fraudScorer(): Buffer {
  return text(`"""Score card transactions with the packaged tree ensemble.

Usage: python code/score.py data/transactions-sample.csv
Prints the transaction id and fraud probability of each row.
"""
import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = json.loads((ROOT / "model" / "fraud-detector.json").read_text())


def leaf(tree, row):
    node = tree["nodes"][0]
    while "leaf" not in node:
        value = row[MODEL["features"][node["feature"]]]
        node = tree["nodes"][node["left"] if value < node["threshold"] else node["right"]]
    return node["leaf"]


def score(row):
    margin = MODEL["base_score"] + MODEL["learning_rate"] * sum(leaf(t, row) for t in MODEL["trees"])
    return 1 / (1 + math.exp(-margin))


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "transactions-sample.csv"
    with path.open() as rows:
        for row in csv.DictReader(rows):
            values = {name: float(row[name]) for name in MODEL["features"]}
            print(row["transaction_id"], round(score(values), 4))
`);
}

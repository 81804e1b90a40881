import {
  DemoModelKit,
  DemoPackage,
  demoPackage,
  DemoVersion,
  metrics,
} from './demoKit';
import { fraudScorer, transactionsCsv, treeEnsemble } from './fraudFiles';
import { modelCard } from './modelCard';

/** The Kitfile `package` of every fraud detector version. */
const FRAUD_PACKAGE: DemoPackage = {
  name: 'fraud-detector',
  description: 'Gradient-boosted trees that score card transactions',
  license: 'MIT',
  authors: ['Risk team <risk@example.com>'],
};

/** The fraud detector: a tree ensemble with its scoring code and a transaction sample. */
export function fraudDetector(): DemoModelKit {
  const make = (
    version: string,
    created: string,
    trees: number,
    note: string,
  ): DemoVersion => ({
    version,
    created,
    spec: {
      package: demoPackage(FRAUD_PACKAGE, version),
      model: {
        name: 'fraud-detector',
        path: 'model/fraud-detector.json',
        content: treeEnsemble(`fraud-detector-${version}`, trees, 3),
        license: 'MIT',
        framework: 'sklearn',
        format: 'json',
        version,
        description: `Gradient-boosted ensemble of ${trees} trees of depth 3`,
        parameters: { n_estimators: trees, max_depth: 3, learning_rate: 0.3 },
      },
      code: [
        {
          path: 'code/score.py',
          description:
            'Scores transactions with the Python standard library only',
          license: 'MIT',
          content: fraudScorer(),
        },
      ],
      datasets: [
        {
          name: 'transactions-sample',
          path: 'data/transactions-sample.csv',
          description: 'A sample of labelled card transactions',
          license: 'MIT',
          content: transactionsCsv(`fraud-${version}`, 40),
        },
      ],
      docs: [
        {
          path: 'README.md',
          description: 'Model card',
          content: modelCard({
            title: 'Fraud detector',
            version,
            summary:
              'Scores card transactions; a score above 0.5 flags a transaction for review.',
            details: [
              note,
              `Features: amount, hour, merchant_risk, country_mismatch, card_age_days`,
            ],
            metrics: { auc: metrics(`fraud-${version}`, 0.9).accuracy },
          }),
        },
      ],
    },
  });
  return {
    name: 'fraud-detector',
    versions: [
      make('1.0.0', '2026-01-15T14:30:00Z', 4, 'First release'),
      make('1.1.0', '2026-02-18T14:30:00Z', 6, 'More trees'),
      make(
        '1.2.0',
        '2026-03-15T14:30:00Z',
        8,
        'Retrained on recent transactions',
      ),
    ],
  };
}

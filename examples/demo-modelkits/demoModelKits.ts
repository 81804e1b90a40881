import { reviewsCsv, ticketsCsv } from './datasetFiles';
import { datasetKit } from './datasetModelKits';
import { DemoModelKit } from './demoKit';
import { fraudDetector } from './fraudDetector';
import { fineTune, sentimentBase } from './sentimentModelKits';

/** Every demo ModelKit with its versions, oldest first. */
export function demoModelKits(): DemoModelKit[] {
  return [
    sentimentBase(),
    datasetKit({
      name: 'support-tickets',
      description:
        'Anonymised support tickets labelled positive, neutral or negative',
      datasheet: 'Support tickets dataset',
      rows: v =>
        ticketsCsv(
          `support-tickets-train-${v}`,
          24 + Number(v.split('.')[1]) * 8,
        ),
      test: v => ticketsCsv(`support-tickets-test-${v.split('.')[0]}`, 10),
      versions: [
        {
          version: '1.0.0',
          created: '2026-01-08T10:00:00Z',
          note: 'First export',
        },
        {
          version: '1.1.0',
          created: '2026-02-03T10:00:00Z',
          note: 'Added January tickets',
        },
        {
          version: '1.2.0',
          created: '2026-03-02T10:00:00Z',
          note: 'Added February tickets',
        },
      ],
    }),
    datasetKit({
      name: 'product-reviews',
      description:
        'Public product reviews with star ratings mapped to sentiment labels',
      datasheet: 'Product reviews dataset',
      rows: v =>
        reviewsCsv(`product-reviews-train-${v}`, v.startsWith('2.') ? 40 : 28),
      test: v => reviewsCsv(`product-reviews-test-${v}`, 10),
      versions: [
        {
          version: '1.0.0',
          created: '2026-01-12T10:00:00Z',
          note: 'First export',
        },
        {
          version: '1.1.0',
          created: '2026-02-15T10:00:00Z',
          note: 'Deduplicated reviews',
        },
        {
          version: '2.0.0',
          created: '2026-03-10T10:00:00Z',
          note: 'New labelling rules',
        },
      ],
    }),
    fineTune({
      name: 'support-sentiment',
      title: 'Support sentiment',
      description: 'sentiment-base fine-tuned on support tickets',
      versions: [
        {
          version: '1.0.0',
          created: '2026-02-12T16:00:00Z',
          base: '1.1.0',
          datasets: [{ name: 'support-tickets', version: '1.1.0' }],
          rank: 2,
        },
        {
          version: '1.1.0',
          created: '2026-03-05T16:00:00Z',
          base: '1.1.0',
          datasets: [{ name: 'support-tickets', version: '1.2.0' }],
          rank: 2,
        },
        {
          version: '2.0.0',
          created: '2026-03-20T16:00:00Z',
          base: '2.0.0',
          datasets: [{ name: 'support-tickets', version: '1.2.0' }],
          rank: 4,
          // The card of the unverified 2.0.0 states another license than its Kitfile.
          cardLicense: 'cc-by-nc-4.0',
        },
      ],
    }),
    fineTune({
      name: 'review-sentiment',
      title: 'Review sentiment',
      description:
        'sentiment-base fine-tuned on product reviews and support tickets',
      versions: [
        {
          version: '0.1.0',
          created: '2026-02-20T16:00:00Z',
          base: '1.1.0',
          datasets: [
            { name: 'product-reviews', version: '1.1.0' },
            { name: 'support-tickets', version: '1.1.0' },
          ],
          rank: 2,
        },
        {
          version: '0.2.0',
          created: '2026-03-12T16:00:00Z',
          base: '1.1.0',
          datasets: [
            { name: 'product-reviews', version: '2.0.0' },
            { name: 'support-tickets', version: '1.2.0' },
          ],
          rank: 2,
        },
        {
          version: '0.3.0',
          created: '2026-03-22T16:00:00Z',
          base: '2.0.0',
          datasets: [
            { name: 'product-reviews', version: '2.0.0' },
            { name: 'support-tickets', version: '1.2.0' },
          ],
          rank: 4,
        },
      ],
    }),
    fraudDetector(),
  ];
}

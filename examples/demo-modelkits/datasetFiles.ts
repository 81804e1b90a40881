/** The CSV files of the demo sentiment datasets, derived from fixed seeds. */
import { LABELS, random, text } from './files';

const TICKET_TEXTS: Record<string, string[]> = {
  negative: [
    'the delivery was late again',
    'my order arrived broken',
    'still waiting for a refund',
    'support was slow and rude',
    'terrible quality for the price',
  ],
  neutral: [
    'how do i change my delivery address',
    'please update the order',
    'question about the price of the upgrade',
    'ticket about a product review',
    'ok i will wait for the agent',
  ],
  positive: [
    'thanks the agent was very helpful',
    'great support resolved it fast',
    'love the product quality',
    'excellent service thanks again',
    'happy with the fast delivery',
  ],
};

/** Labelled support tickets as CSV. */
export function ticketsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = ['ticket_id,text,label'];
  for (let i = 0; i < rows; i++) {
    const label = LABELS[Math.floor(next() * LABELS.length)];
    const texts = TICKET_TEXTS[label];
    const body = texts[Math.floor(next() * texts.length)];
    lines.push(`T-${String(10001 + i)},"${body}",${label}`);
  }
  return text(`${lines.join('\n')}\n`);
}

/** Product reviews with star ratings mapped to sentiment labels, as CSV. */
export function reviewsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = ['review_id,stars,text,label'];
  for (let i = 0; i < rows; i++) {
    const stars = 1 + Math.floor(next() * 5);
    const label =
      stars <= 2 ? 'negative' : stars === 3 ? 'neutral' : 'positive';
    const texts = TICKET_TEXTS[label];
    lines.push(
      `R-${String(50001 + i)},${stars},"${
        texts[Math.floor(next() * texts.length)]
      }",${label}`,
    );
  }
  return text(`${lines.join('\n')}\n`);
}

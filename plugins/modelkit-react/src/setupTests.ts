import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazily loaded extensions compile their modules on first render, which on a busy two-core
// machine takes longer than Testing Library's default wait of one second. Waiting longer
// never makes a failing assertion pass; it only stops slow renders from failing.
configure({ asyncUtilTimeout: 10_000 });

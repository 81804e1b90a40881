export * from './types';
export * from './ModelKitClient';

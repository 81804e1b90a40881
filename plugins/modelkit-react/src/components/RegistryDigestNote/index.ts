export { RegistryDigestNote } from './RegistryDigestNote';

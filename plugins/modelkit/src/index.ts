/**
 * Kitstage frontend plugin: ModelKit entity pages, cards and the fleet page.
 *
 * @packageDocumentation
 */

export {};

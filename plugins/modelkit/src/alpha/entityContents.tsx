/**
 * The tabs of ModelKit entity pages (`EntityContentBlueprint` extensions). The
 * v0 page is the catalog's overview tab filled by `entityCards`; the
 * registry-backed tabs (versions, contents, diff, security, lineage) are added
 * to this list.
 *
 * @internal
 */
export const entityContents = [] as const;

// Plain scalars that YAML 1.1 readers (PyYAML, and so PyKitOps) resolve to something other than
// a string, from the YAML 1.1 type repository (bool, null, int, float, timestamp, merge, value).
// YAML 1.2 readers see these as strings, so a YAML 1.2 writer leaves some of them unquoted.
const yaml11Bool =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const yaml11Null = /^(?:~|null|Null|NULL|)$/;
const yaml11Int =
  /^[-+]?(?:0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const yaml11Float =
  /^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const yaml11Timestamp =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/**
 * Whether a YAML 1.1 reader would take this text, written as a plain scalar, for a non-string.
 *
 * @internal
 */
export function isAmbiguousInYaml11(text: string): boolean {
  return (
    yaml11Bool.test(text) ||
    yaml11Null.test(text) ||
    yaml11Int.test(text) ||
    yaml11Float.test(text) ||
    yaml11Timestamp.test(text) ||
    text === '<<' ||
    text === '='
  );
}

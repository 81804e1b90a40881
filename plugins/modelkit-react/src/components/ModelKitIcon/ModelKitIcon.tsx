import SvgIcon, { SvgIconProps } from '@material-ui/core/SvgIcon';
import { JSX } from 'react';

/**
 * The icon of the ModelKit kind: a package of model layers.
 *
 * @remarks
 *
 * It accepts the props of Material UI's `SvgIcon`, so it fits wherever the
 * catalog takes a kind icon (for example the `kindIcons` of the entity
 * presentation API). In the new frontend system pass it as an element with
 * `fontSize="inherit"`.
 *
 * @public
 */
export function ModelKitIcon(props: SvgIconProps): JSX.Element {
  return (
    <SvgIcon viewBox="0 0 24 24" {...props}>
      <path d="M12 2.5 20.5 7.25 12 12 3.5 7.25 12 2.5Z" opacity={0.35} />
      <path
        d="M12 2.5 20.5 7.25v9.5L12 21.5l-8.5-4.75v-9.5L12 2.5ZM3.5 7.25 12 12l8.5-4.75M12 12v9.5"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinejoin="round"
      />
      <path
        d="M6.5 12.2v3.1M9 13.6v3.1M15 13.6v3.1M17.5 12.2v3.1"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
      />
    </SvgIcon>
  );
}

import type { ModelKitModelCardResponse } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CompactFieldList } from '../CompactFieldList';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

/** The Kitfile descriptions, as plain text, when there is no model card file. */
export function KitfileDescriptions(props: {
  descriptions: ModelKitModelCardResponse['descriptions'];
}) {
  const classes = useStyles();
  const { package: pkg, model, datasets, code, docs } = props.descriptions;
  const fields: Array<[string, string | undefined]> = [
    ['Name', pkg?.name],
    ['Version', pkg?.version],
    ['Description', pkg?.description],
    ['License', pkg?.license],
    ['Authors', pkg?.authors?.join(', ')],
    ['Model', model?.name],
    ['Framework', model?.framework],
    ['Model description', model?.description],
    ['Model license', model?.license],
  ];
  const parts: Array<
    [
      string,
      Array<{
        path?: string;
        name?: string;
        description?: string;
        license?: string;
      }>,
    ]
  > = [
    ['Datasets', datasets],
    ['Code', code],
    ['Docs', docs],
  ];
  return (
    <div aria-label="Kitfile descriptions">
      <CompactFieldList fields={fields} />
      {parts
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <div key={title} className={classes.section}>
            <Typography variant="subtitle2" component="h3">
              {title}
            </Typography>
            <ul>
              {list.map((item, index) => (
                <li key={`${item.path ?? item.name}-${index}`}>
                  <code>{item.name ?? item.path}</code>
                  {item.description ? ` — ${item.description}` : ''}
                  {item.license ? ` (${item.license})` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AttestationPolicyResult } from '@kitstage/plugin-modelkit-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  PolicyBadge,
  policyBadgeStatus,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  failedRule: {
    fontWeight: 500,
    marginBottom: theme.spacing(1),
  },
  highlight: {
    backgroundColor: theme.palette.action.selected,
  },
  muted: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    display: 'block',
  },
}));

/**
 * The attestation policy outcome of one ModelKit version: its badge, the
 * backend's sentence, the rule that failed (or lacks evidence) and every rule
 * of the lifecycle with its outcome.
 *
 * @internal
 */
export function AttestationPolicyPanel(props: {
  policy: AttestationPolicyResult;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { policy } = props;
  const status = policyBadgeStatus(policy);
  return (
    <InfoCard
      title={t('security.policy.title', { lifecycle: policy.lifecycle })}
    >
      <div className={classes.summary}>
        <PolicyBadge policy={policy} />
        <Typography variant="body2">{policy.message}</Typography>
      </div>
      {policy.failedRule && status !== 'passed' && (
        <Typography variant="body2" className={classes.failedRule}>
          {t(
            status === 'failed'
              ? 'security.policy.failedRule'
              : 'security.policy.missingRule',
            { rule: policy.failedRule },
          )}
        </Typography>
      )}
      {policy.rules.length > 0 && (
        <Table size="small" aria-label={t('security.policy.rules')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('security.policy.columns.rule')}</TableCell>
              <TableCell>{t('security.policy.columns.requires')}</TableCell>
              <TableCell>{t('security.policy.columns.outcome')}</TableCell>
              <TableCell>{t('security.policy.columns.why')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {policy.rules.map(rule => (
              <TableRow
                key={rule.id}
                className={
                  rule.id === policy.failedRule ? classes.highlight : undefined
                }
              >
                <TableCell>
                  <code>{rule.id}</code>
                  {rule.description && (
                    <span className={classes.muted}>{rule.description}</span>
                  )}
                </TableCell>
                <TableCell>
                  <code>{rule.require}</code>
                </TableCell>
                <TableCell>
                  <PolicyBadge policy={rule.status} />
                </TableCell>
                <TableCell>{rule.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

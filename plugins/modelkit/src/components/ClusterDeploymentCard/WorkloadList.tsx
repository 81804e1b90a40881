import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DeploymentWorkload } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import {
  AboutField,
  AboutFieldList,
  formatObjectRef,
  StackedList,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { objectKey } from '../../lib/deployments';

const useStyles = makeStyles(theme => ({
  object: {
    display: 'block',
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
    marginBottom: theme.spacing(1),
  },
  alert: {
    color: theme.palette.error.main,
  },
  plain: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  image: {
    fontFamily: 'monospace',
    fontSize: '0.75rem',
    overflowWrap: 'anywhere',
  },
}));

function Pods(props: { pods: DeploymentWorkload['pods'] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { pods } = props;
  return (
    <>
      {t('workloads.podsReady', {
        ready: String(pods.ready),
        total: String(pods.total),
      })}
      {pods.crashLooping > 0 && (
        <>
          {' · '}
          <span className={classes.alert}>
            {t('workloads.crashLooping', { count: pods.crashLooping })}
          </span>
        </>
      )}
      {pods.restarts > 0 && (
        <>
          {' · '}
          {t('workloads.restarts', { count: pods.restarts })}
        </>
      )}
    </>
  );
}

function Rollout(props: {
  rollout: NonNullable<DeploymentWorkload['rollout']>;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { rollout } = props;
  const parts: string[] = [rollout.phase ?? rollout.strategy];
  if (
    rollout.strategy === 'canary' &&
    rollout.currentStepIndex !== undefined &&
    rollout.stepCount !== undefined &&
    rollout.currentStepIndex < rollout.stepCount
  ) {
    parts.push(
      t('workloads.canaryStep', {
        step: String(rollout.currentStepIndex + 1),
        steps: String(rollout.stepCount),
        weight: String(rollout.canaryWeight ?? 0),
      }),
    );
  }
  return (
    <>
      {parts.join(' · ')}
      {rollout.paused && ` · ${t('workloads.rolloutPaused')}`}
      {rollout.aborted && (
        <>
          {' · '}
          <span className={classes.alert}>{t('workloads.rolloutAborted')}</span>
        </>
      )}
    </>
  );
}

function Workload(props: { workload: DeploymentWorkload }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { workload } = props;
  return (
    <li>
      <span className={classes.object}>{formatObjectRef(workload.object)}</span>
      <AboutFieldList>
        {workload.replicas && (
          <AboutField label={t('workloads.replicas')}>
            {t('workloads.replicasReady', {
              ready: String(workload.replicas.ready),
              desired: String(workload.replicas.desired),
            })}
          </AboutField>
        )}
        <AboutField label={t('workloads.pods')}>
          <Pods pods={workload.pods} />
        </AboutField>
        {workload.traffic && workload.traffic.length > 0 && (
          <AboutField label={t('workloads.traffic')} wide>
            <ul className={classes.plain}>
              {workload.traffic.map(target => (
                <li key={target.revision}>
                  {t(
                    target.latest
                      ? 'workloads.trafficLatest'
                      : 'workloads.trafficTarget',
                    {
                      percent: String(target.percent),
                      revision: target.revision,
                    },
                  )}
                </li>
              ))}
            </ul>
          </AboutField>
        )}
        {workload.rollout && (
          <AboutField label={t('workloads.rollout')} wide>
            <Rollout rollout={workload.rollout} />
          </AboutField>
        )}
        {workload.modelUri && (
          <AboutField label={t('workloads.model')} wide>
            <span className={classes.image}>{workload.modelUri}</span>
          </AboutField>
        )}
        {workload.url && (
          <AboutField label={t('workloads.url')} wide>
            <span className={classes.image}>{workload.url}</span>
          </AboutField>
        )}
        {workload.images.length > 0 && (
          <AboutField label={t('workloads.images')} wide>
            <ul className={classes.plain}>
              {workload.images.map(image => (
                <li key={image} className={classes.image}>
                  {image}
                </li>
              ))}
            </ul>
          </AboutField>
        )}
      </AboutFieldList>
    </li>
  );
}

/**
 * The workloads of a service on a cluster: Deployments with their replicas,
 * Argo Rollouts with their canary step and weight, and KServe InferenceServices
 * (traffic split) and LLMInferenceServices (model URI), each with its pods.
 *
 * @internal
 */
export function WorkloadList(props: { workloads: DeploymentWorkload[] }) {
  if (props.workloads.length === 0) {
    return null;
  }
  return (
    <StackedList gap={2}>
      {props.workloads.map(workload => (
        <Workload key={objectKey(workload.object)} workload={workload} />
      ))}
    </StackedList>
  );
}

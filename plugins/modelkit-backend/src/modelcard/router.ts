import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ModelKitModelCardResponse } from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { requestOptionsOf } from '../service/routeHelpers';
import { parseVersionReference } from '../service/versionReference';
import { ModelCardService } from './ModelCardService';

/**
 * The model card route of the `modelkit` plugin:
 * `GET /modelkits/:namespace/:name/versions/:version/model-card`.
 *
 * @internal
 */
export async function createModelCardRouter(options: {
  httpAuth: HttpAuthService;
  access: ModelKitAccessService;
  modelCards: ModelCardService;
}): Promise<express.Router> {
  const { httpAuth, access, modelCards } = options;
  const router = Router();
  const requestOptions = requestOptionsOf(httpAuth);

  router.get(
    '/modelkits/:namespace/:name/versions/:version/model-card',
    async (req, res) => {
      const entity = access.parseEntityName(req.params);
      const version = parseVersionReference(
        req.params.version,
        'path: version',
      );
      const body: ModelKitModelCardResponse = await modelCards.getModelCard(
        entity,
        version,
        await requestOptions(req, res),
      );
      res.json(body);
    },
  );

  return router;
}

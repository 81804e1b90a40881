export interface Config {
  /** Configuration of the Kitstage plugins. */
  kitstage?: {
    /**
     * (Optional) The environments ModelKits are promoted into (`kitstage:modelkit:promote`, the
     * promotion API), with their gates. Read by the modelkit backend and the scaffolder module.
     *
     * @example
     * ```yaml
     * kitstage:
     *   environments:
     *     - name: staging
     *     - name: production
     *       policy: production
     *       forbiddenLifecycles: [experimental]
     * ```
     */
    environments?: Array<{
      /** The environment name, a lowercase DNS label such as `production`. */
      name: string;
      /** (Optional) A human title. */
      title?: string;
      /**
       * (Optional) The overlay directory in a Component's repository.
       *
       * @default deploy/overlays/<name>
       */
      overlayPath?: string;
      /**
       * (Optional) The attestation policy (a lifecycle under `kitstage.policies.lifecycles`)
       * the promoted version must pass. No policy gate when absent.
       */
      policy?: string;
      /** (Optional) The ModelKit lifecycles that may reach the environment; any when absent. */
      allowedLifecycles?: string[];
      /** (Optional) ModelKit lifecycles that may never reach the environment. */
      forbiddenLifecycles?: string[];
    }>;

    /**
     * (Optional) Promotion delivery and history.
     */
    promotion?: {
      /**
       * (Optional) URL prefixes of Git remotes that may be cloned, pushed to and read besides
       * `https://` remotes on hosts of the GitHub and GitLab integrations. The only way to
       * allow `http://` and `file://` remotes (demos, tests).
       *
       * @example ['https://git.example.com/ml/', 'file:///srv/git/']
       */
      allowedRemotes?: string[];
      /**
       * (Optional) The most commits of an overlay read for the promotion history.
       *
       * @default 200
       */
      maxHistoryCommits?: number;
    };
  };
}

import { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPage } from './helpers';

/**
 * Opens every Kitstage view of the demo portal, as a new user touring it would, and fails on
 * anything the browser reports as wrong while they load: an uncaught page error, a console
 * error, a request that fails (network error) or answers 400 or more. A request the browser
 * itself abandons because the page moved on (net::ERR_ABORTED) is not a failure.
 *
 * Sign-in happens before the tour: the sign-in page's session probe answers 401 by design.
 */

const MODELKIT = '/catalog/default/modelkit/support-sentiment';
const COMPONENT = '/catalog/default/component/support-sentiment-api';

/** What a view shows once it has loaded. */
type Shown = (page: Page) => Locator;
const text =
  (shown: string | RegExp): Shown =>
  page =>
    page.getByText(shown).filter({ visible: true }).first();

/** Each view, and what it shows once it has loaded. */
const VIEWS: Array<{ view: string; path: string; shows: Shown }> = [
  {
    view: 'the catalog with the ModelKit filter',
    path: `/?${new URLSearchParams({
      'filters[kind]': 'modelkit',
      'filters[user]': 'all',
    })}`,
    shows: text(/All ModelKits \(\d+\)/),
  },
  {
    view: "a ModelKit's Versions",
    path: `${MODELKIT}/versions`,
    shows: text('Policy passed'),
  },
  {
    view: "a ModelKit's Contents",
    path: `${MODELKIT}/contents`,
    shows: text(/layers, .* in total/),
  },
  {
    view: "a ModelKit's Diff",
    path: `${MODELKIT}/diff`,
    shows: text('Kitfile changes'),
  },
  {
    view: "a ModelKit's Security",
    path: `${MODELKIT}/security`,
    shows: text('Policy for production'),
  },
  {
    view: "a ModelKit's Lineage",
    path: `${MODELKIT}/lineage`,
    shows: page =>
      page
        .getByTestId('lineage-graph')
        .locator('[data-lineage-node="modelkit:default/sentiment-base"]'),
  },
  {
    view: "a ModelKit's Model card",
    path: `${MODELKIT}/model-card`,
    shows: page => page.getByRole('main').getByRole('heading').nth(1),
  },
  {
    view: "a ModelKit's Where it runs",
    path: `${MODELKIT}/deployments`,
    shows: text('prod-eu'),
  },
  {
    view: "a Component's Deployments",
    path: `${COMPONENT}/deployments`,
    shows: text('prod-eu'),
  },
  {
    view: "a Component's Promotions",
    path: `${COMPONENT}/promotions`,
    shows: page =>
      page.getByRole('list', { name: 'Promotions into Production' }),
  },
  {
    view: 'the Model fleet page',
    path: '/modelkit-fleet',
    shows: page => page.getByRole('table', { name: 'Services by cluster' }),
  },
  {
    view: 'Create, with the two templates',
    path: '/create',
    shows: text('Promote a ModelKit version'),
  },
  {
    view: 'the ModelKit model project template',
    path: '/create/templates/default/modelkit-project',
    shows: page => page.getByRole('textbox', { name: /^Name/ }),
  },
  {
    view: 'the promotion template',
    path: '/create/templates/default/promote-modelkit',
    shows: text('What to promote'),
  },
];

/**
 * React's development-build warnings that come from libraries of the portal, not from Kitstage,
 * each named with its source. Production builds do not log them. Any other console error,
 * including any React warning about a Kitstage component, fails the tour.
 */
const LIBRARY_WARNINGS: RegExp[] = [
  // @material-table/core (Backstage's Table) and react-beautiful-dnd's Droppable it uses.
  /^Warning: %s: Support for defaultProps will be removed from (?:memo|function) components in a future major release\.[^\n]*%s (?:MTable\w+|Connect\(Droppable\))\s/,
  // Backstage's Table puts its title (an <h2>) inside material-table's toolbar heading (<h5>).
  /^Warning: validateDOMNesting\(\.\.\.\): %s cannot appear as a child of <%s>\.%s%s%s <h2> h5\s/,
  // Backstage's catalog page renders its filter extensions (its own and Kitstage's) as a list of
  // extension boundaries without keys.
  /^Warning: Each child in a list should have a unique "key" prop\.[^\n]*\n\s+at ExtensionBoundary \([^)]*@backstage\/frontend-plugin-api\//,
  // The scaffolder form's textarea widget (ui:widget: textarea) passes rows to MUI's TextField.
  /^Warning: Failed %s type: %s%s prop The prop `rows` of `ForwardRef\(TextField\)` is deprecated\. Use `minRows` instead/,
];

/** Records what the browser reports as wrong, with the view it happened on. */
function watch(page: Page, current: () => string): string[] {
  const problems: string[] = [];
  page.on('pageerror', error =>
    problems.push(`${current()}: page error: ${error.message}`),
  );
  page.on('console', message => {
    if (
      message.type() === 'error' &&
      !LIBRARY_WARNINGS.some(warning => warning.test(message.text()))
    ) {
      problems.push(`${current()}: console error: ${message.text()}`);
    }
  });
  page.on('requestfailed', request => {
    const failure = request.failure()?.errorText ?? 'failed';
    if (!failure.includes('ERR_ABORTED')) {
      problems.push(
        `${current()}: ${request.method()} ${request.url()} failed: ${failure}`,
      );
    }
  });
  page.on('response', response => {
    if (response.status() >= 400) {
      problems.push(
        `${current()}: ${response
          .request()
          .method()} ${response.url()} answered ${response.status()}`,
      );
    }
  });
  return problems;
}

/**
 * Opens a view inside the running app, as its own links do: the app is loaded once, so each
 * view costs what it loads itself, not the whole development bundle again.
 */
async function navigate(page: Page, path: string) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}

test('every Kitstage view loads without a page error, a failed request or a console error', async ({
  page,
}) => {
  await openPage(page, '/');
  let current = 'sign-in';
  const problems = watch(page, () => current);
  try {
    for (const { view, path, shows } of VIEWS) {
      current = `${view} (${path})`;
      await test.step(view, async () => {
        await navigate(page, path);
        await expect(shows(page)).toBeVisible({ timeout: 60_000 });
        // Whatever the view loads after its first text has arrived too.
        await expect(page.getByRole('progressbar')).toHaveCount(0, {
          timeout: 60_000,
        });
      });
    }
  } finally {
    if (problems.length) {
      // eslint-disable-next-line no-console
      console.log(`--- what the browser reported ---\n${problems.join('\n')}`);
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { largeLineageGraph } from '../../testUtils/lineage';
import { layoutLineage, toDrawnGraph } from './layout';
import { LineageGraphCanvas } from './LineageGraphCanvas';

// jsdom has no layout: the view is 700 × 300 pixels, placed at the origin.
const VIEW = { width: 700, height: 300 };
let sizes: jest.SpyInstance[] = [];
beforeAll(() => {
  sizes = [
    jest
      .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
      .mockReturnValue(VIEW.width),
    jest
      .spyOn(HTMLElement.prototype, 'clientHeight', 'get')
      .mockReturnValue(VIEW.height),
  ];
});
afterAll(() => sizes.forEach(spy => spy.mockRestore()));

/** The translation and scale of the drawing. */
function view(svg: SVGSVGElement) {
  const match =
    /^translate\((-?[\d.e-]+)px, ?(-?[\d.e-]+)px\) scale\(([\d.e-]+)\)$/.exec(
      svg.style.transform,
    );
  if (!match) throw new Error(`No pan and zoom in "${svg.style.transform}"`);
  return { x: Number(match[1]), y: Number(match[2]), k: Number(match[3]) };
}

async function renderCanvas() {
  const layout = layoutLineage(toDrawnGraph(largeLineageGraph(200)));
  const onExpand = jest.fn();
  await renderInTestApp(
    <LineageGraphCanvas
      layout={layout}
      onExpand={onExpand}
      entityHref={({ kind, namespace, name }) =>
        `/catalog/${namespace}/${kind}/${name}`
      }
    />,
  );
  const group = await screen.findByRole('button', {
    name: 'Show 93 Components',
  });
  const svg = group.closest('svg')!;
  return { layout, onExpand, group, svg, element: svg.parentElement! };
}

describe('LineageGraphCanvas', () => {
  it('starts with the whole drawing fitted into the view and centred', async () => {
    const { layout, svg } = await renderCanvas();
    const k = Math.min(VIEW.width / layout.width, VIEW.height / layout.height);
    expect(k).toBeLessThan(1);
    const fitted = view(svg);
    expect(fitted.k).toBeCloseTo(k);
    expect(fitted.x).toBeCloseTo((VIEW.width - layout.width * k) / 2);
    expect(fitted.y).toBeCloseTo((VIEW.height - layout.height * k) / 2);
  });

  it('zooms around the pointer, never out beyond the fitted view', async () => {
    const { svg, element } = await renderCanvas();
    const fitted = view(svg);
    const pointer = { clientX: 350, clientY: 150 };
    // The point of the drawing under the pointer.
    const under = {
      x: (pointer.clientX - fitted.x) / fitted.k,
      y: (pointer.clientY - fitted.y) / fitted.k,
    };

    fireEvent.wheel(element, { deltaY: -500, ...pointer });
    await waitFor(() => expect(view(svg).k).toBeCloseTo(fitted.k * 2));
    const zoomed = view(svg);
    expect(zoomed.x + under.x * zoomed.k).toBeCloseTo(pointer.clientX);
    expect(zoomed.y + under.y * zoomed.k).toBeCloseTo(pointer.clientY);

    fireEvent.wheel(element, { deltaY: 5000, ...pointer });
    await waitFor(() => expect(view(svg)).toEqual(fitted));
  });

  it('pans with a drag, and a drag that ends on a node does not open it', async () => {
    const { svg, element, group, onExpand } = await renderCanvas();
    fireEvent.wheel(element, { deltaY: -1000, clientX: 350, clientY: 150 });
    await waitFor(() => expect(view(svg).k).toBeGreaterThan(0.5));
    const before = view(svg);

    fireEvent.pointerDown(group, {
      clientX: 300,
      clientY: 100,
      button: 0,
      isPrimary: true,
      pointerId: 1,
    });
    fireEvent.pointerMove(group, { clientX: 340, clientY: 120, pointerId: 1 });
    fireEvent.pointerUp(group, { clientX: 340, clientY: 120, pointerId: 1 });
    fireEvent.click(group);
    await waitFor(() =>
      expect(view(svg)).toEqual({
        ...before,
        x: before.x + 40,
        y: before.y + 20,
      }),
    );
    expect(onExpand).not.toHaveBeenCalled();

    // A press that does not move is a click.
    fireEvent.pointerDown(group, {
      clientX: 300,
      clientY: 100,
      button: 0,
      isPrimary: true,
      pointerId: 2,
    });
    fireEvent.pointerUp(group, { clientX: 301, clientY: 100, pointerId: 2 });
    fireEvent.click(group);
    expect(onExpand).toHaveBeenCalledWith('group:2:component');
  });
});

import { hrefFor, routes, shortcutFor, type RouteId } from '../lib/routes.ts';

export function Nav({ current }: { current: RouteId }) {
  return (
    <nav className="nav" aria-label="Pages">
      <ul className="nav__list">
        {routes.map((r, i) => (
          <li key={r.id}>
            <a
              className="nav__link"
              href={hrefFor(r.id)}
              aria-current={r.id === current ? 'page' : undefined}
              aria-keyshortcuts={shortcutFor(i)}
              title={`${r.label} (${shortcutFor(i)})`}
            >
              <span>{r.label}</span>
              <kbd className="nav__key" aria-hidden="true">
                {shortcutFor(i)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
      <p className="nav__help">
        Keys: <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>6</kbd> jump to a page; <kbd>Tab</kbd> moves between controls.
      </p>
    </nav>
  );
}

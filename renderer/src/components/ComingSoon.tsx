import type { ReactNode } from 'react';

/** A page that is planned but not built: says plainly what will be here, so nobody hunts for a hidden feature. */
export function ComingSoon({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <div className="page">
      <h1 className="page__title">{title}</h1>
      <div className="card coming">
        <p className="coming__tag">Not built yet</p>
        <p>{intro}</p>
        <ul className="coming__list">{children}</ul>
      </div>
    </div>
  );
}

import type { monitoringMethods } from '../../../preload/contract/index.ts';
import type { Dashboards } from '../../dashboards/dashboards.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import type { ForwardingService } from '../../telemetry/forwarder.ts';
import type { Monitoring } from '../../telemetry/monitoring.ts';
import type { CallContext, HandlersFor } from '../router.ts';

export interface MonitoringHandlerDeps {
  monitoring: Pick<Monitoring, 'list' | 'query' | 'csv' | 'prometheus'>;
  forwarding: Pick<ForwardingService, 'status' | 'setCredentials'>;
  dashboards: Pick<Dashboards, 'list' | 'get' | 'save' | 'delete' | 'export' | 'import'>;
  timeline: Pick<Timeline, 'record'>;
}

/** Series queries and exports, forwarding, and dashboards, over their capabilities. */
export function createMonitoringHandlers(d: MonitoringHandlerDeps): HandlersFor<keyof typeof monitoringMethods> {
  const note = (message: string, ctx: CallContext) => d.timeline.record({ kind: 'operator', severity: 'info', deviceId: null, message: `${message} (via ${ctx.via})` });
  return {
    'series.list': () => d.monitoring.list(),
    'series.query': (p) => d.monitoring.query(p),
    'series.csv': (p) => d.monitoring.csv(p),
    'metrics.prometheus': () => {
      const f = d.forwarding.status();
      const gauges = f.enabled
        ? [
            { name: 'showsite_forwarding_waiting_readings', help: 'Readings waiting in the forwarding backlog.', value: f.waiting },
            { name: 'showsite_forwarding_dropped_readings', help: 'Readings dropped because the forwarding backlog was full (since start).', value: f.dropped },
          ]
        : [];
      return { text: d.monitoring.prometheus(gauges) };
    },
    'forwarding.status': () => d.forwarding.status(),
    'forwarding.credentials': (p, ctx) => {
      const status = d.forwarding.setCredentials(p);
      note('Forwarding credentials changed', ctx);
      return status;
    },
    'dashboards.list': () => d.dashboards.list(),
    'dashboards.get': (p) => d.dashboards.get(p.id),
    'dashboards.save': (p, ctx) => {
      const saved = d.dashboards.save(p.dashboard, p.baseUpdatedAt);
      note(`Dashboard “${saved.title}” saved`, ctx);
      return saved;
    },
    'dashboards.delete': (p, ctx) => {
      const r = d.dashboards.delete(p.id);
      note(`Dashboard ${p.id} deleted`, ctx);
      return r;
    },
    'dashboards.export': (p) => d.dashboards.export(p.ids),
    'dashboards.import': (p, ctx) => {
      const r = d.dashboards.import(p.file, p.replace);
      note(`${r.imported} dashboard${r.imported === 1 ? '' : 's'} imported${p.replace ? ' (replacing the others)' : ''}`, ctx);
      return r;
    },
  };
}

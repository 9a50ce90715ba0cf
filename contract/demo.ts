/** A user of the demo sign-in (the server's demo mode and the mocks): `GET /demo/users` lists them. */
export interface DemoUser {
  id: string;
  name: string;
  email: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice', name: 'Alice Johnson', email: 'alice@example.com' },
  { id: 'bob', name: 'Bob Martin', email: 'bob@example.com' },
  { id: 'carol', name: 'Carol Nguyen', email: 'carol@example.com' },
];

/** An entity of the demo portal: what the demo's scope editor finds by name (`GET /demo/entities`). */
export interface DemoEntity {
  id: string;
  name: string;
}

/** The demo portal's entities by type: the ids the demo's tokens are scoped to have names here. */
export const DEMO_ENTITIES: Readonly<Record<string, readonly DemoEntity[]>> = {
  clients: [
    { id: 'cl-gateway-01', name: 'Gateway 01 (Berlin plant)' },
    { id: 'cl-gateway-02', name: 'Gateway 02 (Lyon plant)' },
    { id: 'cl-thermo-17', name: 'Thermostat, hall 17' },
    { id: 'cl-meter-4', name: 'Power meter 4' },
  ],
  channels: [
    { id: 'ch-telemetry', name: 'Telemetry' },
    { id: 'ch-alarms', name: 'Alarms' },
    { id: 'ch-alarms-eu', name: 'Alarms (EU)' },
    { id: 'ch-firmware', name: 'Firmware updates' },
  ],
  groups: [
    { id: 'gr-plants', name: 'All plants' },
    { id: 'gr-hvac', name: 'HVAC devices' },
  ],
  dashboards: [
    { id: 'db-ops', name: 'Operations overview' },
    { id: 'db-energy', name: 'Energy use' },
  ],
  domains: [
    { id: 'd-prod-eu', name: 'Production (EU)' },
    { id: 'd-staging', name: 'Staging' },
  ],
  users: [
    { id: 'alice', name: 'Alice Johnson' },
    { id: 'bob', name: 'Bob Martin' },
    { id: 'carol', name: 'Carol Nguyen' },
  ],
  messages: [
    { id: 'ch-telemetry', name: 'Telemetry messages' },
    { id: 'ch-alarms', name: 'Alarm messages' },
    { id: 'ch-alarms-eu', name: 'Alarm messages (EU)' },
  ],
};

/** How many entities one demo search answers with. */
export const DEMO_ENTITIES_MAX = 20;

/**
 * The demo entities of `type` whose name or id contains `query` (case-insensitive), an exact id
 * first: the scope editor searches with it, and the scopes table looks names up by id.
 */
export function findDemoEntities(type: string, query: string): DemoEntity[] {
  const wanted = query.trim().toLowerCase();
  const entities = DEMO_ENTITIES[type] ?? [];
  const matches = entities.filter((entity) => entity.id.toLowerCase().includes(wanted) || entity.name.toLowerCase().includes(wanted));
  return matches.sort((a, b) => Number(b.id.toLowerCase() === wanted) - Number(a.id.toLowerCase() === wanted)).slice(0, DEMO_ENTITIES_MAX);
}

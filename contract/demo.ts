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

-- Where each orchestrated saga is (saga.ts): its step, whether it is going forward or undoing,
-- and the data its commands carry. The orchestrator updates the row in the transaction that
-- handles a reply and sends the next command, so a restart resumes every saga where it was.
CREATE TABLE sagas (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  step integer NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'compensating', 'completed', 'compensated')),
  data jsonb NOT NULL,
  failure text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

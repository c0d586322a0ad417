// Proves the resolution rules: ACCEPT_PROVIDER, REFUND and WRITE_OFF resolve an OPEN discrepancy once and are refused after, a NOTE never changes the status.
import { decideResolution, RESOLUTION_ACTIONS, resolves } from '../../../domain/reconciliation-runs/discrepancy-resolution';

describe('decideResolution', () => {
  it.each(['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF'] as const)('%s resolves an OPEN discrepancy and is refused on a RESOLVED one', (action) => {
    expect(resolves(action)).toBe(true);
    expect(decideResolution('OPEN', action)).toEqual({ kind: 'RESOLVE' });
    expect(decideResolution('RESOLVED', action)).toEqual({ kind: 'ALREADY_RESOLVED' });
  });

  it('adds a NOTE whatever the status', () => {
    expect(resolves('NOTE')).toBe(false);
    expect(decideResolution('OPEN', 'NOTE')).toEqual({ kind: 'ADD_NOTE' });
    expect(decideResolution('RESOLVED', 'NOTE')).toEqual({ kind: 'ADD_NOTE' });
  });

  it('knows the actions of CONTRACT.md and no others', () => {
    expect([...RESOLUTION_ACTIONS]).toEqual(['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE']);
  });
});

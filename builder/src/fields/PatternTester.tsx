import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Lets the admin try sample values against the pattern before agents meet it. */
export function PatternTester({ pattern }: { pattern: string }) {
  const { t } = useTranslation();
  const [sample, setSample] = useState('');
  let verdict: 'ok' | 'bad' | 'invalid' | null = null;
  if (sample) {
    try {
      // 'u' as Ajv compiles patterns with unicode regexps.
      verdict = new RegExp(pattern, 'u').test(sample) ? 'ok' : 'bad';
    } catch {
      verdict = 'invalid';
    }
  }
  return (
    <div className="pattern-tester">
      <input
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        placeholder={t('field.patternTry')}
        aria-label={t('field.patternTry')}
        className="mono"
        data-testid="pattern-tester"
      />
      {verdict && (
        <span className={`badge ${verdict === 'ok' ? 'success' : 'danger'}`} role="status">
          {t(`field.pattern_${verdict}`)}
        </span>
      )}
    </div>
  );
}

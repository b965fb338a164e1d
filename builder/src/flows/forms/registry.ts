import type { ComponentType } from 'react';
import type { FlowNodeType } from '@telesales/schemas';
import { ConditionForm } from './ConditionForm';
import { EntryForm } from './EntryForm';
import type { FormProps } from './form-props';
import { GatherForm } from './GatherForm';
import { HangupForm } from './HangupForm';
import { HoursForm } from './HoursForm';
import { HttpForm } from './HttpForm';
import { LanguageForm } from './LanguageForm';
import { LookupForm } from './LookupForm';
import { MenuForm } from './MenuForm';
import { PlayForm } from './PlayForm';
import { QueueForm } from './QueueForm';
import { ReturnForm } from './ReturnForm';
import { SetVariableForm } from './SetVariableForm';
import { SubflowForm } from './SubflowForm';
import { SurveyForm } from './SurveyForm';
import { TransferForm } from './TransferForm';
import { VoicemailForm } from './VoicemailForm';

/** The settings form of each node type, picked by the node's type (one small component per type). */
export const NODE_FORMS: { [T in FlowNodeType]: ComponentType<FormProps<T>> } = {
  entry: EntryForm, play: PlayForm, menu: MenuForm, gather: GatherForm, condition: ConditionForm, hours: HoursForm,
  setVariable: SetVariableForm, lookup: LookupForm, http: HttpForm, queue: QueueForm, transfer: TransferForm,
  voicemail: VoicemailForm, survey: SurveyForm, language: LanguageForm, subflow: SubflowForm, return: ReturnForm, hangup: HangupForm,
};

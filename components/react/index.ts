/**
 * `pat-kit/react`: a React component for every PAT Kit element, made by `@lit/react`. Props set
 * the element's properties, and each event the element fires is an `on…` prop called with the
 * typed `CustomEvent` (`onPatCreated={(event) => event.detail.pat.secret}`). Importing this
 * module registers the elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { PatEventMap, PatEventName } from '../common/events.js';
import { PatActivity as PatActivityElement } from '../pat-activity/pat-activity.js';
import { PatApiProvider as PatApiProviderElement } from '../pat-api-provider/pat-api-provider.js';
import { PatConfirmDialog as PatConfirmDialogElement } from '../pat-confirm-dialog/pat-confirm-dialog.js';
import { PatCreateForm as PatCreateFormElement } from '../pat-create-form/pat-create-form.js';
import { PatDetail as PatDetailElement } from '../pat-detail/pat-detail.js';
import { PatDurationPicker as PatDurationPickerElement } from '../pat-duration-picker/pat-duration-picker.js';
import { PatManager as PatManagerElement } from '../pat-manager/pat-manager.js';
import { PatRegenerateDialog as PatRegenerateDialogElement } from '../pat-regenerate-dialog/pat-regenerate-dialog.js';
import { PatScopeEditor as PatScopeEditorElement } from '../pat-scope-editor/pat-scope-editor.js';
import { PatSecretBanner as PatSecretBannerElement } from '../pat-secret-banner/pat-secret-banner.js';
import { PatTable as PatTableElement } from '../pat-table/pat-table.js';
import { PatUsageChart as PatUsageChartElement } from '../pat-usage-chart/pat-usage-chart.js';
import { PatUserMenu as PatUserMenuElement } from '../pat-user-menu/pat-user-menu.js';
import { ELEMENT_EVENTS, eventPropName, type EventPropName } from './element-events.js';

type Tag = keyof typeof ELEMENT_EVENTS;

/** The events the element registered as `T` fires. */
type EventsOf<T extends Tag> = (typeof ELEMENT_EVENTS)[T][number];

/** What `createComponent` takes as `events`: prop name → event name, carrying the event's type. */
type EventProps<K extends PatEventName> = { [N in K as EventPropName<N>]: EventName<CustomEvent<PatEventMap[N]>> };

/** The React component of the element registered as `tagName`, with an `on…` prop per event it fires. */
function component<T extends Tag, I extends HTMLElement>(tagName: T, elementClass: new () => I) {
  const events: readonly EventsOf<T>[] = ELEMENT_EVENTS[tagName];
  return createComponent({
    react: React,
    tagName,
    elementClass,
    events: Object.fromEntries(events.map((name) => [eventPropName(name), name])) as EventProps<EventsOf<T>>,
  });
}

export const PatActivity = component('pat-activity', PatActivityElement);
export const PatApiProvider = component('pat-api-provider', PatApiProviderElement);
export const PatConfirmDialog = component('pat-confirm-dialog', PatConfirmDialogElement);
export const PatCreateForm = component('pat-create-form', PatCreateFormElement);
export const PatDetail = component('pat-detail', PatDetailElement);
export const PatDurationPicker = component('pat-duration-picker', PatDurationPickerElement);
export const PatManager = component('pat-manager', PatManagerElement);
export const PatRegenerateDialog = component('pat-regenerate-dialog', PatRegenerateDialogElement);
export const PatScopeEditor = component('pat-scope-editor', PatScopeEditorElement);
export const PatSecretBanner = component('pat-secret-banner', PatSecretBannerElement);
export const PatTable = component('pat-table', PatTableElement);
export const PatUsageChart = component('pat-usage-chart', PatUsageChartElement);
export const PatUserMenu = component('pat-user-menu', PatUserMenuElement);

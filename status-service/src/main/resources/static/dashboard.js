// The status dashboard: the account's campaigns with their progress, and a search by
// number or message id. Plain DOM, no framework; every value from the API is written
// with textContent, never as HTML.
(function () {
	'use strict';

	const KEY = 'sms.status.apiKey';
	const REFRESH_MS = 5000;
	const BUCKETS = ['inQueue', 'outbox', 'delivered', 'error', 'deliveryUnknown', 'canceled', 'deleted'];
	const ERROR_STATUSES = ['UNDELIVERED', 'FAILED', 'REJECTED', 'EXPIRED'];
	let lastSearch = null;
	let timer = null;

	const $ = (id) => document.getElementById(id);

	function el(tag, attributes, ...children) {
		const node = document.createElement(tag);
		Object.entries(attributes || {}).forEach(([name, value]) => {
			if (name === 'className') {
				node.className = value;
			}
			else if (name.startsWith('data-')) {
				node.setAttribute(name, value);
			}
			else {
				node[name] = value;
			}
		});
		children.flat().forEach((child) => {
			if (child !== null && child !== undefined) {
				node.append(child instanceof Node ? child : String(child));
			}
		});
		return node;
	}

	function time(value) {
		return value ? new Date(value).toLocaleString() : '';
	}

	function bucketOf(status) {
		if (ERROR_STATUSES.includes(status)) return 'error';
		if (status === 'DELIVERED') return 'delivered';
		if (status === 'DELIVERY_UNKNOWN') return 'deliveryUnknown';
		return 'other';
	}

	class Unauthorized extends Error {}
	class NotFound extends Error {}

	async function api(path) {
		const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) } });
		if (response.status === 401) throw new Unauthorized();
		if (response.status === 404) throw new NotFound();
		const body = await response.json();
		if (!response.ok) throw new Error(body.detail || ('HTTP ' + response.status));
		return body;
	}

	function askForKey(message) {
		sessionStorage.removeItem(KEY);
		clearInterval(timer);
		$('dashboard').hidden = true;
		$('forget-key').hidden = true;
		$('key-panel').hidden = false;
		$('key-error').hidden = !message;
		$('key-error').textContent = message || '';
		$('api-key').focus();
	}

	function start() {
		$('key-panel').hidden = true;
		$('dashboard').hidden = false;
		$('forget-key').hidden = false;
		refresh();
		clearInterval(timer);
		timer = setInterval(refresh, REFRESH_MS);
	}

	async function refresh() {
		try {
			await loadCampaigns();
			if (lastSearch) await search(lastSearch, true);
			$('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
		}
		catch (error) {
			if (error instanceof Unauthorized) askForKey('The API key was refused.');
			else $('refreshed').textContent = 'could not refresh: ' + error.message;
		}
	}

	function progress(counts) {
		const total = counts.total || 0;
		const bar = el('div', { className: 'progress', title: '' });
		const parts = [['delivered', counts.delivered], ['failed', counts.error],
			['unknown', counts.deliveryUnknown], ['canceled', counts.canceled + counts.deleted],
			['outbox', counts.outbox]];
		parts.forEach(([name, count]) => {
			if (total > 0 && count > 0) {
				bar.append(el('span', { className: name, style: 'width:' + (100 * count / total) + '%' }));
			}
		});
		const final = total - counts.inQueue - counts.outbox;
		bar.title = final + ' of ' + total + ' final';
		return el('div', {}, bar, el('span', { className: 'muted progress-text' },
			total > 0 ? Math.round(100 * final / total) + '% final' : 'no texts'));
	}

	async function loadCampaigns() {
		const page = await api('/api/v1/campaigns?limit=20');
		const body = $('campaigns').querySelector('tbody');
		body.replaceChildren(...page.items.map((campaign) => el('tr', { 'data-campaign-id': campaign.campaignId },
			el('td', { className: 'campaign-id' }, campaign.campaignId,
				el('div', { className: 'muted' }, time(campaign.createdAt))),
			el('td', {}, progress(campaign.counts)),
			BUCKETS.map((bucket) => el('td', { className: 'number count-' + bucket }, campaign.counts[bucket])),
			el('td', { className: 'number count-total' }, campaign.counts.total),
			el('td', { className: 'campaign-state' }, campaign.completion.state,
				campaign.completion.reason ? el('div', { className: 'muted' }, campaign.completion.reason) : null))));
		$('campaigns-empty').hidden = page.items.length > 0;
	}

	function errorText(item, prefix) {
		const code = item[prefix ? prefix + 'CarrierErrorCode' : 'carrierErrorCode'];
		const description = item[prefix ? prefix + 'CarrierErrorDescription' : 'carrierErrorDescription'];
		const reason = item[prefix ? prefix + 'ReasonCode' : 'reasonCode'];
		return [code ? code + ': ' + (description || '') : description, reason].filter(Boolean).join(' · ');
	}

	function statusCell(status) {
		return el('span', { className: 'status bucket-' + bucketOf(status) }, status);
	}

	function renderMessage(message) {
		return el('div', { id: 'message-detail', 'data-message-id': message.messageId },
			el('h3', {}, 'Text ', message.messageId),
			el('p', {}, 'To ', message.recipient || '?', message.campaignId ? ' · campaign ' + message.campaignId : '',
				' · now ', statusCell(message.status)),
			errorText(message) ? el('p', { className: 'error message-error' }, errorText(message)) : null,
			el('table', { id: 'history' },
				el('thead', {}, el('tr', {}, ['Status', 'When', 'Source', 'Reason or error'].map((h) => el('th', {}, h)))),
				el('tbody', {}, message.history.map((change) => el('tr', { className: 'history-row' },
					el('td', {}, statusCell(change.status)), el('td', {}, time(change.occurredAt)),
					el('td', {}, change.source), el('td', {}, errorText(change)))))));
	}

	function renderRecipient(number, page) {
		if (page.items.length === 0) {
			return el('p', { className: 'muted' }, 'No texts to ' + number + '.');
		}
		return el('div', { id: 'recipient-messages' },
			el('h3', {}, 'Texts to ', number),
			el('table', {},
				el('thead', {}, el('tr', {}, ['Created', 'Status', 'Campaign', 'Reason or error', 'Message id']
					.map((h) => el('th', {}, h)))),
				el('tbody', {}, page.items.map((message) => {
					const row = el('tr', { className: 'clickable message-row', 'data-message-id': message.messageId },
						el('td', {}, time(message.createdAt)), el('td', {}, statusCell(message.status)),
						el('td', {}, message.campaignId || ''), el('td', {}, errorText(message)),
						el('td', { className: 'muted' }, message.messageId));
					row.addEventListener('click', () => search(message.messageId));
					return row;
				}))),
			page.next ? el('p', { className: 'muted' }, 'Showing the newest ' + page.items.length + '.') : null);
	}

	async function search(query, quiet) {
		const target = $('search-result');
		const text = query.trim();
		lastSearch = text;
		try {
			if (/^\+?[0-9][0-9 ()-]{5,}$/.test(text)) {
				const number = '+' + text.replace(/[^0-9]/g, '');
				const page = await api('/api/v1/recipients/' + encodeURIComponent(number) + '/messages?limit=50');
				target.replaceChildren(renderRecipient(number, page));
			}
			else {
				const message = await api('/api/v1/messages/' + encodeURIComponent(text));
				target.replaceChildren(renderMessage(message));
			}
		}
		catch (error) {
			if (error instanceof Unauthorized) throw error;
			if (quiet) return;
			target.replaceChildren(el('p', { className: 'muted', id: 'search-empty' },
				error instanceof NotFound ? 'Nothing found for ' + text + '.' : 'Search failed: ' + error.message));
		}
	}

	document.addEventListener('DOMContentLoaded', () => {
		$('key-form').addEventListener('submit', (event) => {
			event.preventDefault();
			const key = $('api-key').value.trim();
			if (!key) return;
			sessionStorage.setItem(KEY, key);
			$('api-key').value = '';
			start();
		});
		$('forget-key').addEventListener('click', () => askForKey());
		$('search-form').addEventListener('submit', (event) => {
			event.preventDefault();
			search($('search-input').value).catch((error) => {
				if (error instanceof Unauthorized) askForKey('The API key was refused.');
			});
		});
		if (sessionStorage.getItem(KEY)) start();
		else askForKey();
	});
})();

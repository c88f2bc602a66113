// Swagger UI for dbspec serve: the token is asked once, kept in this tab's session storage, and sent on every
// request the UI makes (the description itself needs a viewer token).
(function () {
  'use strict';
  var KEY = 'dbspec.token';
  var form = document.getElementById('login');
  var input = document.getElementById('token');
  var message = document.getElementById('message');

  // the token goes to this server only, never to another origin a description could name
  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  function withToken(request) {
    var token = sessionStorage.getItem(KEY);
    if (token && sameOrigin(request.url)) {
      request.headers.Authorization = 'Bearer ' + token;
    }
    return request;
  }

  function open(token) {
    message.textContent = '';
    return fetch('/api/openapi.json', { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status === 401 ? 'The token was refused (401): check it, or ask an admin for one.'
            : 'The description could not be read: HTTP ' + response.status + '.');
        }
        return response.json();
      })
      .then(function (spec) {
        sessionStorage.setItem(KEY, token);
        form.hidden = true;
        window.ui = SwaggerUIBundle({
          spec: spec,
          dom_id: '#swagger-ui',
          deepLinking: false,
          tryItOutEnabled: false,
          requestInterceptor: withToken
        });
      })
      .catch(function (error) {
        sessionStorage.removeItem(KEY);
        form.hidden = false;
        message.textContent = error.message;
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    open(input.value.trim());
    input.value = '';
  });
  var kept = sessionStorage.getItem(KEY);
  if (kept) {
    open(kept);
  } else {
    input.focus();
  }
}());

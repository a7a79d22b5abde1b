// Every tab's CTToolbar7 SDK talks to one toolbar application (web/fakes/README.md, "Shared mode").
window.CTT7FakeConfig = { shared: 'tabs-test' };

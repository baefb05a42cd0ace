/**
 * A client of the operators' official download service (Roskomnadzor's SOAP service "OperatorRequest",
 * {@code vigruzki.rkn.gov.ru/services/OperatorRequest/}): it asks {@code getLastDumpDateEx} whether the
 * registry has a dump newer than the newest one ingested, sends a signed request ({@code sendRequest}),
 * polls {@code getResult} until the dump is ready, checks the zip it returns and hands {@code dump.xml},
 * streamed straight from the zip, to the ordinary ingest. The WSDL it follows, and where each element of
 * it was learnt, is {@code src/test/resources/official/OperatorRequest.wsdl}; docs/DESIGN.md says which
 * open clients were read. Plain HTTP (the JDK client) and a namespace-aware, DTD-less StAX reader: no SOAP
 * stack. blockwatch never holds the operator's key: a fresh request is signed by the operator's own tool.
 */
package io.github.blockwatch.official;

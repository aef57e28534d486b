var u=Object.create;var h=Object.defineProperty;var A=Object.getOwnPropertyDescriptor;var R=Object.getOwnPropertyNames;var f=Object.getPrototypeOf,E=Object.prototype.hasOwnProperty;var b=(t,e)=>()=>{try{return e||t((e={exports:{}}).exports,e),e.exports}catch(n){throw e=0,n}};var M=(t,e,n,a)=>{if(e&&typeof e=="object"||typeof e=="function")for(let r of R(e))!E.call(t,r)&&r!==n&&h(t,r,{get:()=>e[r],enumerable:!(a=A(e,r))||a.enumerable});return t};var g=(t,e,n)=>(n=t!=null?u(f(t)):{},M(e||!t||!t.__esModule?h(n,"default",{value:t,enumerable:!0}):n,t));var T=[{title:"Who spies on whom",query:`MATCH (a:Actor)-[r:SPIES_ON]->(b:Actor)
RETURN a, r, b`},{title:"Greg Austin's writings",query:`MATCH (p:Person {key: $author})-[r:AUTHORED]->(d:Document)
RETURN p, r, d`,params:'{"author": "greg-austin"}'},{title:"Paths from the United States to China",query:`MATCH p = (a:Actor {key: 'united-states'})-[*1..3]-(b:Actor {key: 'china'})
RETURN p
LIMIT 10`},{title:"Conflict relations and their claims",query:`MATCH (a)-[r]->(b)
WHERE r.polarity = 'conflict'
RETURN a.name AS from, type(r) AS relation, b.name AS to, r.claim AS claim
ORDER BY from`},{title:"How many actors of each kind",query:`MATCH (n:Actor)
UNWIND labels(n) AS label
WITH label, count(*) AS actors
WHERE label <> 'Actor'
RETURN label, actors
ORDER BY actors DESC`}];function S(t,e,n){let a=t.split(`
`),r=Math.min(Math.max(1,Number(e)||1),a.length)-1,o=0;for(let c=0;c<r;c++)o+=a[c].length+1;let i=a[r],s=Math.min(Math.max(1,Number(n)||1),Math.max(1,i.length))-1,l=s;for(;l<i.length&&/\w/.test(i[l]);)l++;l===s&&(l=Math.min(s+1,i.length));let m=o+Math.min(s,i.length);return{from:m,to:Math.max(m,o+l)}}function d(t,e=""){let n=String(t?.detail||t?.title||e||""),a=Number(t?.line)||0,r=Number(t?.column)||0,o=/\s*\(line (\d+), column (\d+)(?: \(offset: \d+\))?\)[\s\S]*$/.exec(n);return o&&(n=n.slice(0,o.index),a||=Number(o[1]),r||=Number(o[2])),{message:n.trim(),line:a,column:r}}export{b as a,g as b,T as c,S as d,d as e};
